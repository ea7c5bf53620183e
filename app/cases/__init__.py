"""Cases: numbers, the one service that changes their state, events and the clock."""
