"""What editors and users type as Markdown reaches readers sanitised and accessible."""

from portal.markdown import render_markdown


def test_script_handlers_and_javascript_links_are_removed():
    html = render_markdown(
        '<img src=x onerror="alert(1)"> [klikk](javascript:alert(1)) <script>alert(1)</script>'
    )
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html


def test_an_image_typed_without_alt_text_is_marked_decorative():
    assert render_markdown("<img src=https://example.invalid/kart.png>") == (
        '<p><img alt="" src="https://example.invalid/kart.png"></p>'
    )


def test_alt_text_the_author_gave_is_kept():
    assert 'alt="Kart over Agder"' in render_markdown(
        "![Kart over Agder](https://example.invalid/kart.png)"
    )
    html = render_markdown('<img alt="Kart" src="https://example.invalid/k.png">')
    assert html.count("alt=") == 1 and 'alt="Kart"' in html
