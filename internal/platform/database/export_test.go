package database

import "gorm.io/gorm"

// MarkGaleraNode makes db's transactions run as on a Galera node (guarded), so that the
// guard can be tested on a plain MariaDB server.
func MarkGaleraNode(db *gorm.DB) error { return db.Use(galeraNode{}) }
