"""The organisation's logo: only a real PNG or JPEG of a sane size, checked by its content."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samskab.playbooks.models import Branding

pytestmark = pytest.mark.django_db


def _image(fmt="PNG", size=(120, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, (11, 93, 91)).save(out, fmt)
    return out.getvalue()


def _post(client, world, data, name="logo.png"):
    client.force_login(world.anna)
    url = reverse("playbooks:logo", kwargs={"org": world.org_a.slug})
    return client.post(url, {"logo": SimpleUploadedFile(name, data)})


def test_a_png_logo_is_saved_and_served(client, world):
    assert _post(client, world, _image()).status_code == 302
    branding = Branding.objects.get(organisation=world.org_a)
    assert (branding.logo_type, branding.width, branding.height) == ("image/png", 120, 40)
    image = client.get(reverse("playbooks:logo_image", kwargs={"org": world.org_a.slug}))
    assert image["Content-Type"] == "image/png" and image["X-Content-Type-Options"] == "nosniff"


def test_a_jpeg_named_png_is_stored_as_what_it_is(client, world):
    assert _post(client, world, _image("JPEG"), "logo.png").status_code == 302
    assert Branding.objects.get().logo_type == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "ikke et PNG- eller JPEG-billede",
        ),
        (b"GIF89a" + b"\0" * 100, "ikke et PNG- eller JPEG-billede"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "ikke et PNG- eller JPEG-billede"),  # a broken PNG
    ],
)
def test_what_is_not_a_png_or_jpeg_is_refused(client, world, data, message):
    response = _post(client, world, data, "logo.png")
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Branding.objects.exists()


def test_a_gif_is_refused_by_its_content(client, world):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    assert _post(client, world, out.getvalue(), "logo.png").status_code == 422


def test_a_huge_image_is_refused_before_it_is_decoded(client, world):
    # 5,000 × 5,000 pixels compress to a few kilobytes: the size is checked from the header.
    response = _post(client, world, _image(size=(5000, 5000)))
    assert response.status_code == 422 and "højst være 4000 pixels" in response.content.decode()


def test_a_file_over_one_megabyte_is_refused(client, world):
    response = _post(client, world, _image() + b"\0" * (1024 * 1024))
    assert response.status_code == 422 and "højst 1 MB" in response.content.decode()
