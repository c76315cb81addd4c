"""A keep-alive HTTP/1.1 client on raw asyncio streams, for the load generators of the benchmarks
(``eval/bench_api.py``, ``eval/bench_scale.py``, ``eval/bench_overload.py``)."""
from __future__ import annotations

import asyncio


class Connection:
    """One keep-alive HTTP/1.1 connection on raw asyncio streams. The load generator shares two
    cores with the server, so its own cost per request must be tiny: httpx spends about a
    millisecond of CPU per request, which at 64 clients is the client's queueing, not the
    server's answer, in the measured latency."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, target: str, timeout: float = 60) -> tuple[int, dict, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
            head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), timeout)
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
            body = await asyncio.wait_for(self.reader.readexactly(int(headers.get("content-length", 0))), timeout)
        except BaseException:
            self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
