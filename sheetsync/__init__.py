"""sheetsync: ESA office standards sheets, validated, scored and reported."""
