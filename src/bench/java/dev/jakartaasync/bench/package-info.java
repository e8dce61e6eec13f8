/**
 * Load clients and simulations for docs/BENCHMARKS.md. Compiled by every build, run only by the
 * benchmark command: never by surefire or failsafe.
 */
package dev.jakartaasync.bench;
