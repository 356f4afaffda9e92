"""One module per `dzdesk` sub-command, each with `register(subparsers)`."""
