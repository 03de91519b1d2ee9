"""Where database rows become the engine's arrays, and arrays become what the pages show."""
