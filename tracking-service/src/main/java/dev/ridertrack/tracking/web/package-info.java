/**
 * Who may see what, and the pages: the operator login (a cookie), the dashboard and the
 * customer's tracking page (an order token).
 */
package dev.ridertrack.tracking.web;
