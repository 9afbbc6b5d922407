"""Developer tools kept with the tests (not tests): the API reference writer."""
