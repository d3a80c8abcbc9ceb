"""The lab driver's parts; lab.py (one directory up) is the command line that ties them together."""
