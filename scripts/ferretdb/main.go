// Command ferretdb runs FerretDB v1.24 (embeddable package) as MasterBus's local MongoDB-wire server.
//
// Why a wrapper: `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` (and `go build` of that
// package from another module) panics at start because build/version/version.txt is not in the module zip
// (FerretDB issue 2982). The embeddable package skips that check when the main module is not FerretDB's own.
// Flags mirror the upstream ones we use, so scripts read the same either way.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI (a directory, ending with /)")
	postgresqlURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP listen address")
	listenTLS := flag.String("listen-tls", "", "TLS listen address (optional)")
	tlsCert := flag.String("listen-tls-cert-file", "", "TLS server certificate")
	tlsKey := flag.String("listen-tls-key-file", "", "TLS server key")
	tlsCA := flag.String("listen-tls-ca-file", "", "TLS CA for client certificates")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Accepted for compatibility with the upstream command line; the embeddable server has no state dir,
	// no debug handler and never sends telemetry.
	flag.String("state-dir", "-", "ignored")
	flag.String("debug-addr", "-", "ignored")
	flag.String("telemetry", "disable", "ignored")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad --log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{
			TCP: *listenAddr, TLS: *listenTLS,
			TLSCertFile: *tlsCert, TLSKeyFile: *tlsKey, TLSCAFile: *tlsCA,
		},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresqlURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(os.Stderr, "ferretdb: listening on %s (handler %s)\n", *listenAddr, *handler)
	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
