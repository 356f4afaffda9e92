"""What people do, each as one function the window and the command line both call: plain values in, the result
and what changed out, no Qt. A rule kept here is kept once."""
