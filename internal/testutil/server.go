package testutil

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"
)

// Server is a built storeops binary serving on a free loopback port, for tests that need a
// real process: one to kill mid-request, or several replicas on one database.
type Server struct {
	// URL is the server's base, http://127.0.0.1:port.
	URL  string
	cmd  *exec.Cmd
	logs bytes.Buffer
}

// StartServer runs `bin serve` with env added to this process's environment and
// STOREOPS_ADDR set to a free port, waits until /readyz answers 200 (failing the test with the
// server's output after two minutes) and kills it when the test ends.
func StartServer(tb testing.TB, bin string, env []string) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &Server{URL: "http://" + addr, cmd: exec.Command(bin, "serve")}
	s.cmd.Env = append(append(os.Environ(), env...), "STOREOPS_ADDR="+addr)
	s.cmd.Stdout, s.cmd.Stderr = &s.logs, &s.logs
	if err := s.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Kill() })
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		res, err := http.Get(s.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("storeops on %s not ready: %v\n%s", addr, err, s.logs.String())
		}
	}
}

// Kill sends SIGKILL and reaps the process; a server already ended is left alone.
func (s *Server) Kill() error {
	if s.cmd.ProcessState != nil {
		return nil
	}
	err := s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	return err
}

// Logs is what the server has written to stdout and stderr.
func (s *Server) Logs() string { return s.logs.String() }
