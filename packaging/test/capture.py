"""A raw printer on 127.0.0.1: accepts connections on the port given and appends what each sends to the file
given, as the printer CUPS's socket:// backend talks to. Prints its port, then serves until killed."""
import socket, sys

out = sys.argv[1]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(4)
print(server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()
    with conn, open(out, "ab") as f:
        while chunk := conn.recv(65536):
            f.write(chunk)
            f.flush()
