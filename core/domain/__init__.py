"""Pure domain: enums, errors, lifecycle and risk rules, domain events. No I/O here."""
