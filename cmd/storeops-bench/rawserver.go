package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/database"
)

// rawUser is the users row as the raw server reads it: every column, as StoreOps' own
// row type does.
type rawUser struct {
	ID                int64 `gorm:"primaryKey"`
	Username          string
	DisplayName       string
	Role              string
	StoreID           *int64
	PasswordHash      string
	PasswordIsDefault bool
	Disabled          bool
	Version           int
	LastLoginAt       *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (rawUser) TableName() string { return "users" }

// rawServer is the hidden sub-command `storeops-bench raw-server -addr A -dsn D`: the least an
// authenticated read can cost in this stack, Gin and one GORM primary-key SELECT through the
// pool StoreOps opens (database.Open, the same options), with no middleware and no session.
// It runs in its own process so that it shares the machine with the load generator exactly
// as the StoreOps server does.
func rawServer(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("raw-server", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	dsn := fs.String("dsn", "", "MySQL/MariaDB DSN of the benchmark database")
	maxOpen := fs.Int("max-open-conns", 16, "pool size (the server's STOREOPS_DB_MAX_OPEN_CONNS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: *dsn, MaxOpenConns: *maxOpen})
	if err != nil {
		return err
	}
	defer database.Close(db)
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/raw/:id", func(c *gin.Context) {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "id"})
			return
		}
		var u rawUser
		if err := db.WithContext(c.Request.Context()).First(&u, id).Error; err != nil {
			c.JSON(http.StatusNotFound, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, gin.H{"id": u.ID, "username": u.Username, "display_name": u.DisplayName,
			"role": u.Role, "store_id": u.StoreID})
	})
	srv := &http.Server{Addr: *addr, Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startRawServer runs this executable's raw-server sub-command on a free port and waits
// until it answers GET /raw/{userID}.
func (e *env) startRawServer(ctx context.Context, userID int64) (cmd *exec.Cmd, base string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	self, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	cmd = exec.CommandContext(ctx, self, "raw-server", "-addr", addr, "-dsn", e.dsn, "-max-open-conns", "16")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	base = "http://" + addr
	url := fmt.Sprintf("%s/raw/%d", base, userID)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		err := getOnce(ctx, http.DefaultClient, url, "")
		if err == nil {
			return cmd, base, nil
		}
		if time.Now().After(deadline) {
			stopProcess(cmd)
			return nil, "", fmt.Errorf("raw server did not answer: %w", err)
		}
	}
}

// stopProcess asks a child process to end and waits for it.
func stopProcess(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
}
