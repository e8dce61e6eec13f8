package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedServiceLookupsTest {

  static final String SERVICE =
      "META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider";

  /** The application's loader: counts how often it is asked for resources. */
  static final class CountingLoader extends ClassLoader {
    final AtomicInteger lookups = new AtomicInteger();

    CountingLoader() {
      super(CachedServiceLookupsTest.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      lookups.incrementAndGet();
      return super.getResources(name);
    }
  }

  final CountingLoader application = new CountingLoader();
  final CachedServiceLookups lookups = new CachedServiceLookups(application);

  @Test
  void aServiceLookupAsksTheApplicationOnceAndGivesTheSameAnswerAfter() throws Exception {
    List<URL> direct = Collections.list(application.getResources(SERVICE));
    application.lookups.set(0);

    List<URL> first = Collections.list(lookups.getResources(SERVICE));
    List<URL> second = Collections.list(lookups.getResources(SERVICE));

    assertThat(first).isEqualTo(direct);
    assertThat(second).isEqualTo(direct);
    assertThat(application.lookups).hasValue(1);
  }

  @Test
  void otherResourcesAndClassesComeFromTheApplicationEveryTime() throws Exception {
    String name = "dev/jakartaasync/core/Delays.class";
    assertThat(Collections.list(lookups.getResources(name)))
        .isEqualTo(Collections.list(application.getResources(name)))
        .isNotEmpty();
    assertThat(lookups.loadClass(Delays.class.getName())).isSameAs(Delays.class);
  }

  @Test
  void itIsTheContextClassLoaderOnlyWhileItRuns() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    ClassLoader[] during = new ClassLoader[1];

    lookups.run(() -> during[0] = Thread.currentThread().getContextClassLoader());

    assertThat(during[0]).isSameAs(lookups);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void theApplicationSharesOneOverTheWarsOwnLoader() {
    CachedServiceLookups shared = CachedServiceLookups.ofThisApplication();

    assertThat(CachedServiceLookups.ofThisApplication()).isSameAs(shared);
    assertThat(shared.getParent()).isSameAs(CachedServiceLookups.class.getClassLoader());
  }
}
