"""Start localstripe bound to loopback, from scratch, keeping its state in our own file.

localstripe's own `start()` listens on every interface and pickles its state to a fixed
/tmp path shared by everyone on the machine; this launcher runs the same aiohttp app
without either (localstripe 1.15.10, localstripe/server.py and resources.py).
"""
import argparse
import pickle
from pathlib import Path

from aiohttp import web
from localstripe.resources import Store
from localstripe.server import app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state-file", type=Path, required=True)
    args = parser.parse_args()
    state_file: Path = args.state_file

    def dump_to_disk(store: Store) -> None:
        with open(state_file, "wb") as handle:
            pickle.dump(dict(store), handle, protocol=pickle.HIGHEST_PROTOCOL)

    Store.dump_to_disk = dump_to_disk
    state_file.unlink(missing_ok=True)
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
