"""What several tests share: helpers, not tests."""
