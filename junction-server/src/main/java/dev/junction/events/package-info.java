/**
 * The gateway's in-process events: what happened (a request finished, a deployment's health changed), published once
 * by the part that knows and consumed by whoever observes (metrics, traces, alerts, analytics, the live event stream).
 * Publishing never blocks and never fails the publisher; subscribers are called on the publisher's thread and must
 * only hand the event on (a counter, a bounded queue).
 */
package dev.junction.events;
