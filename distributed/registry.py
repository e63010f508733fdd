"""Workers seen, queue lengths and the oldest waiting job, read from the broker."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from distributed.broker import NAMESPACE, QUEUES

WORKERS_KEY = f"{NAMESPACE}:workers"


def announce(client: Any, worker_id: str, info: str, *, now: datetime) -> None:
    """Record that this worker is alive (``followup status`` lists it with when it was seen)."""
    data = json.loads(info)
    data["seen"] = now.isoformat()
    client.hset(WORKERS_KEY, worker_id, json.dumps(data))


def retire(client: Any, worker_id: str) -> None:
    client.hdel(WORKERS_KEY, worker_id)


def workers_seen(client: Any, *, now: datetime) -> list[dict[str, Any]]:
    """Every worker that announced itself and did not stop cleanly, with how long it is silent.

    A killed worker stays listed (its silence grows): that is worth seeing.
    """
    out = []
    for wid, raw in sorted(client.hgetall(WORKERS_KEY).items()):
        data = json.loads(raw)
        data["id"] = wid.decode() if isinstance(wid, bytes) else wid
        data["silent_s"] = round((now - datetime.fromisoformat(data["seen"])).total_seconds(), 1)
        out.append(data)
    return out


def _running(client: Any, queue: str) -> int:
    total = 0
    for key in client.scan_iter(match=f"{NAMESPACE}:__acks__.*.{queue}", count=500):
        total += int(client.scard(key))
    return total


def queue_stats(client: Any) -> list[dict[str, Any]]:
    """Each queue: jobs waiting, delayed (retries waiting their turn), taken by a worker."""
    rows = []
    for q in QUEUES:
        rows.append(
            {
                "queue": q,
                "waiting": int(client.llen(f"{NAMESPACE}:{q}")),
                "delayed": int(client.llen(f"{NAMESPACE}:{q}.DQ")),
                "running": _running(client, q),
            }
        )
    return rows


def oldest_waiting(client: Any, *, now: datetime) -> dict[str, Any] | None:
    """The job that has waited longest at the head of a queue (queues are first in, first out)."""
    best: dict[str, Any] | None = None
    for q in QUEUES:
        head = client.lindex(f"{NAMESPACE}:{q}", 0)
        if head is None:
            continue
        raw = client.hget(f"{NAMESPACE}:{q}.msgs", head)
        if raw is None:
            continue
        msg = json.loads(raw)
        enqueued = datetime.fromtimestamp(msg["message_timestamp"] / 1000, tz=UTC)
        if best is None or enqueued.isoformat() < best["enqueued"]:
            best = {
                "queue": q,
                "job": msg["actor_name"],
                "args": msg.get("args", []),
                "id": msg["message_id"],
                "enqueued": enqueued.isoformat(),
                "waiting_s": round((now - enqueued).total_seconds(), 1),
            }
    return best


def broker_status(client: Any, *, now: datetime) -> dict[str, Any]:
    return {
        "workers": workers_seen(client, now=now),
        "queues": queue_stats(client),
        "oldest_waiting": oldest_waiting(client, now=now),
    }
