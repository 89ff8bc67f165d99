from dataclasses import dataclass, asdict, field
from datetime import datetime, timezone

from text_utils import slugify, reading_minutes, excerpt
from storage import JsonStore, NotFound


@dataclass
class Post:
    title: str
    body: str
    author: str
    slug: str = ""
    published_at: str | None = None
    tags: list[str] = field(default_factory=list)


def create_post(store: JsonStore, title: str, body: str, author: str) -> Post:
    post = Post(title=title, body=body, author=author, slug=slugify(title))
    store.save_record("posts", post.slug, asdict(post))
    return post


def publish(store: JsonStore, slug: str) -> Post:
    post = Post(**store.load_record("posts", slug))
    post.published_at = datetime.now(timezone.utc).isoformat()
    store.save_record("posts", slug, asdict(post))
    return post


def find_post(store: JsonStore, slug: str) -> Post | None:
    try:
        return Post(**store.load_record("posts", slug))
    except NotFound:
        return None


def summary(post: Post) -> dict:
    return {
        "title": post.title,
        "minutes": reading_minutes(post.body),
        "excerpt": excerpt(post.body),
    }
