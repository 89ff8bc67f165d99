from xml.sax.saxutils import escape

from posts import Post, find_post, summary
from storage import JsonStore
from text_utils import excerpt


def published_posts(store: JsonStore) -> list[Post]:
    posts = [find_post(store, slug) for slug in store.list_keys("posts")]
    return sorted((p for p in posts if p and p.published_at), key=lambda p: p.published_at, reverse=True)


def rss_item(post: Post, base_url: str) -> str:
    info = summary(post)
    link = f"{base_url}/{post.slug}"
    return (
        f"<item><title>{escape(post.title)}</title><link>{link}</link>"
        f"<description>{escape(excerpt(post.body, 300))}</description></item>"
    )


def build_feed(store: JsonStore, base_url: str, limit: int = 20) -> str:
    items = "".join(rss_item(p, base_url) for p in published_posts(store)[:limit])
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
