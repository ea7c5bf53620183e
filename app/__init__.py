"""The Litestar host of Kuaiban."""
