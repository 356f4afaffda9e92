"""工作台: the first screen an engineer sees."""
