print("aftershock-bench: see --help")
