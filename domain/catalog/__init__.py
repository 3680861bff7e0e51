"""The coach's catalog: services, group series and packages."""
