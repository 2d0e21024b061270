#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Forwards TCP connections from LISTEN_HOST:LISTEN_PORT to TARGET_HOST:TARGET_PORT.

The hub listens on the host's loopback; a kiosk in a network namespace reaches it through
two of these (one inside the namespace on its loopback, one on the host's end of the veth
link), so its signalling crosses the shaped link as a real kiosk's does. Prints "ready" once
listening.

    tcpforward.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT
"""
import asyncio
import socket
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(listen_host, listen_port, target_host, target_port):
    async def accept(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        # The kiosk and the hub send small messages that must not wait for an acknowledgement.
        for w in (client_writer, up_writer):
            w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))

    server = await asyncio.start_server(accept, listen_host, listen_port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    host, port, target, target_port = sys.argv[1:5]
    asyncio.run(main(host, int(port), target, int(target_port)))
