"""Weerbaar lab extension: placeholder (issue 3). See EXTENSIONS in lab.py for the hooks."""
