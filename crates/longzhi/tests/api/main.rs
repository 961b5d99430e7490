//! API tests over real HTTP, run once on SQLite and once on PostgreSQL
//! (`LONGZHI_TEST_DATABASE_URL=postgres://…`).

// Test code: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod openapi;
mod routes;
mod scope;

mod assessment;
mod audit_chain;
mod auth;
mod bad_input;
mod car;
mod excel;
mod injury;
mod orgs;
mod plans;
mod platform;
mod programme;
mod quality;
mod recall;
mod service;
mod system;
mod users;
