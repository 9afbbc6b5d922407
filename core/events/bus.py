"""A tiny thread-safe publish/subscribe bus for domain events.

Events of this process reach every subscriber. Events that another server process committed
(republished by the change feed, ``publish_remote``) reach only subscribers that asked for them:
views of the data do, while work that the process which took the change already does (frame
analysis of an upload) does not, so no job runs twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from core.domain.domain_events import DomainEvent

log = logging.getLogger(__name__)

Subscriber = Callable[[DomainEvent], None]


class EventBus:
    def __init__(self) -> None:
        self._subscribers: tuple[Subscriber, ...] = ()
        self._remote_subscribers: tuple[Subscriber, ...] = ()
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber, *, include_remote: bool = False
                  ) -> Callable[[], None]:
        """Add a subscriber (with ``include_remote``, also for other processes' changes);
        returns a function that removes it again."""
        with self._lock:
            self._subscribers = (*self._subscribers, subscriber)
            if include_remote:
                self._remote_subscribers = (*self._remote_subscribers, subscriber)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)
                self._remote_subscribers = tuple(
                    s for s in self._remote_subscribers if s is not subscriber)

        return unsubscribe

    def publish(self, event: DomainEvent) -> None:
        """An event this process committed."""
        self._deliver(self._subscribers, event)

    def publish_remote(self, event: DomainEvent) -> None:
        """An event another server process committed (see ``core.events.change_log``)."""
        self._deliver(self._remote_subscribers, event)

    @staticmethod
    def _deliver(subscribers: tuple[Subscriber, ...], event: DomainEvent) -> None:
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:  # a broken listener must never break a service call
                log.exception("event subscriber %r failed on %r", subscriber, event)
