import json
from pathlib import Path


class NotFound(KeyError):
    pass


class JsonStore:
    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, collection: str, key: str) -> Path:
        return self.root / collection / f"{key}.json"

    def save_record(self, collection: str, key: str, record: dict) -> None:
        path = self.path_for(collection, key)
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2))

    def load_record(self, collection: str, key: str) -> dict:
        path = self.path_for(collection, key)
        if not path.exists():
            raise NotFound(key)
        return json.loads(path.read_text())

    def list_keys(self, collection: str) -> list[str]:
        folder = self.root / collection
        return sorted(p.stem for p in folder.glob("*.json")) if folder.exists() else []
