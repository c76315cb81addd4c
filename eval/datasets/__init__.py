"""Datasets as plain documents + questions with their gold documents."""
