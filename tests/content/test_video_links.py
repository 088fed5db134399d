"""YouTube and Vimeo addresses are recognised strictly; the player URL is rebuilt from the id."""

import pytest

from workstation.content.video import video_card_html, video_embed

ID = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={ID}",
        f"https://youtube.com/watch?feature=share&v={ID}",
        f"https://m.youtube.com/watch?v={ID}",
        f"https://youtu.be/{ID}",
        f"https://www.youtube.com/shorts/{ID}",
        f"https://www.youtube.com/embed/{ID}",
        f"http://www.youtube-nocookie.com/embed/{ID}",
        f"<https://youtu.be/{ID}>",
    ],
)
def test_youtube_address_forms_are_recognised(url):
    video = video_embed(url)
    assert video is not None and video.provider == "youtube" and video.video_id == ID


def test_youtube_player_is_the_privacy_enhanced_one():
    assert video_embed(f"https://youtu.be/{ID}").embed_url == f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"


def test_youtube_start_time_is_kept():
    assert video_embed(f"https://youtu.be/{ID}?t=1m30s").start == 90


@pytest.mark.parametrize("url", ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"])
def test_vimeo_addresses_are_recognised(url):
    video = video_embed(url)
    assert video is not None and video.provider == "vimeo" and video.video_id == "76979871"
    assert video.embed_url.startswith("https://player.vimeo.com/video/76979871?autoplay=1&dnt=1")


def test_unlisted_vimeo_hash_is_kept():
    assert video_embed("https://vimeo.com/76979871/abc123def").embed_url.endswith("&h=abc123def")


@pytest.mark.parametrize(
    "url",
    [
        "https://youtube.com.evil.example/watch?v=" + ID,
        "https://evil.example/youtu.be/" + ID,
        "https://www.youtube.com/watch?v=short",
        f'https://youtu.be/{ID}"onerror="alert(1)',
        f"https://youtu.be/{ID}/extra",
        "javascript:alert(1)//youtu.be/" + ID,
        "https://vimeo.com/abc",
        "https://vimeo.com/123/../../x",
        f"https://user:pw@youtu.be/{ID}",
        f"https://youtu.be:8080/{ID}",
        "https://youtu.be/" + "A" * 10_000,
        "",
    ],
)
def test_anything_else_is_not_a_video(url):
    assert video_embed(url) is None


def test_card_makes_no_request_before_the_click():
    html = video_card_html(video_embed(f"https://youtu.be/{ID}"))
    assert "<img" not in html and "<iframe" not in html and "ytimg" not in html
    assert "<svg" in html and 'class="video-card__play"' in html


def test_card_play_control_leads_to_the_privacy_enhanced_player_where_no_script_runs():
    html = video_card_html(video_embed(f"https://youtu.be/{ID}?t=90"))
    assert f'<a class="video-card__play" href="https://www.youtube-nocookie.com/embed/{ID}?start=90"' in html
    assert "youtube.com/watch" not in html


def test_card_carries_the_data_the_click_to_play_script_reads():
    html = video_card_html(video_embed(f"https://youtu.be/{ID}"))
    assert 'data-provider="youtube"' in html
    assert f'data-video-id="{ID}"' in html
    assert f'data-embed="https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"' in html


def test_card_poster_names_the_provider():
    assert ">Vimeo</text>" in video_card_html(video_embed("https://vimeo.com/76979871"))
