package dev.jakartaasync.core;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * The context class loader that managed submissions on hot paths run with: the application's own
 * class loader, with the answers to {@code META-INF/services/} lookups remembered.
 *
 * <p>Why: on Payara every managed submission looks up Jakarta Concurrency's {@code
 * ThreadContextProvider} services with {@link java.util.ServiceLoader} through the thread's context
 * class loader: a scan of every jar the application can see, the server's API jars included. Three
 * paths submit per event: a WebSocket send (Tyrus re-arms the session's idle timer on every send,
 * even with no idle timeout; profiled under the 1000-client chat load, that lookup was 86 % of the
 * CPU of a send, docs/BENCHMARKS.md), chapter 2's two calls per request, and each batch of waits
 * that {@link Delays} completes (a few requests per batch at 1000 a second). What the application
 * can see does not change while it is deployed, so the first answer is kept and given again.
 *
 * <p>Why it is safe: classes and single resources come from the application's loader (the parent,
 * always asked first), so nothing loads differently; only repeated lookups of the same service file
 * are answered from memory. It is plain Java SE, and on a server that does no such lookup it costs
 * nothing. It is set only around the submission itself, not for the whole thread.
 *
 * <p>One per deployment ({@link #ofThisApplication()}): this class is loaded by the WAR's class
 * loader, so the shared instance, and what it remembers, lives and goes with the deployment.
 */
public final class CachedServiceLookups extends ClassLoader {

  private static final String SERVICES = "META-INF/services/";

  static {
    registerAsParallelCapable();
  }

  private static final CachedServiceLookups APPLICATION =
      new CachedServiceLookups(CachedServiceLookups.class.getClassLoader());

  private final ConcurrentMap<String, List<URL>> services = new ConcurrentHashMap<>();

  /** The one that the application's hot paths share, over the WAR's own class loader. */
  public static CachedServiceLookups ofThisApplication() {
    return APPLICATION;
  }

  public CachedServiceLookups(ClassLoader application) {
    super(application);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (!name.startsWith(SERVICES)) {
      return super.getResources(name);
    }
    List<URL> found = services.get(name);
    if (found == null) {
      found = List.copyOf(Collections.list(getParent().getResources(name)));
      services.putIfAbsent(name, found);
    }
    return Collections.enumeration(found);
  }

  /** Hands {@code task} to {@code executor} with this loader as context class loader. */
  public void execute(Executor executor, Runnable task) {
    run(() -> executor.execute(task));
  }

  /** Runs {@code action} with this loader as the thread's context class loader. */
  public void run(Runnable action) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(this);
    try {
      action.run();
    } finally {
      thread.setContextClassLoader(own);
    }
  }
}
