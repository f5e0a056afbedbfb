"""Loopback stand-ins for what sheetsync talks to (Google Sheets, SMTP) and a synthetic office."""
