"""How late the event loop serving the API runs, as the analysis sees it from its threads."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from core.api.server import ApiServer
from core.jobs.serving_loop import ServingLoopWatch


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_serving_loop_is_never_late():
    clock = FakeClock()
    watch = ServingLoopWatch(clock)
    clock.now += 60
    assert watch.lateness() == 0.0


def test_the_lateness_grows_while_the_loop_misses_its_ticks_and_ends_with_the_loop():
    clock = FakeClock()
    watch = ServingLoopWatch(clock)
    watch.tick()
    clock.now += ServingLoopWatch.TICK_SECONDS / 2
    assert watch.lateness() == 0.0  # on time
    clock.now += 0.5
    # 0.5 s plus half a tick since the last tick, one tick of which was due
    assert watch.lateness() == pytest.approx(0.5 - ServingLoopWatch.TICK_SECONDS / 2)
    watch.stopped()
    assert watch.lateness() == 0.0


def test_a_loop_held_up_by_blocking_work_is_seen_late_while_it_is_held():
    watch = ServingLoopWatch()

    async def serve_and_block() -> float:
        ticking = asyncio.ensure_future(watch.run())
        await asyncio.sleep(0)  # the watch ticks once
        time.sleep(0.3)  # blocking work on the loop: the next tick cannot run
        late = watch.lateness()
        ticking.cancel()
        await asyncio.gather(ticking, return_exceptions=True)
        return late

    assert asyncio.run(serve_and_block()) >= 0.2
    assert watch.lateness() == 0.0  # the loop ended


def test_the_api_server_runs_the_watch_on_its_loop_while_it_serves():
    watch = ServingLoopWatch()

    async def app(scope, receive, send):  # holds its loop up, then says how late it is
        time.sleep(0.3)
        body = str(watch.lateness()).encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    server = ApiServer(app, "127.0.0.1", 0, serving_loop=watch)
    server.start()
    try:
        late = float(httpx.get(f"{server.url}/", timeout=10).text)
    finally:
        server.stop()
    assert late >= 0.2
    assert watch.lateness() == 0.0  # a stopped server is not late
