"""The small toolkit every bot feature shares: typed callback data (`callbacks`)."""
