"""Serving: the warm HTTP server, the client that talks to it, and the sendmail wrapper."""
