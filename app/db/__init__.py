"""Database: the engines, the Piccolo tables and the migrations."""
