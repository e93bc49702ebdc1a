/**
 * Local practice targets on loopback: TCP listeners with banners ({@link TcpLab}),
 * a port whose connects time out ({@link FullBacklogListener}), and an HTTP server
 * with chosen latency, status codes and faults ({@link LabHttpServer}), started
 * together by {@link Lab}. Everything binds 127.0.0.1 only, nothing here prints,
 * and every connection is handled on a virtual thread with a bounded lifetime.
 */
package org.fanout.lab;
