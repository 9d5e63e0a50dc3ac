package io.dvdcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.channels.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkSelectorProviderTest {
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(JdkSelectorProvider.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JdkSelectorProvider.PROPERTY);
    } else {
      System.setProperty(JdkSelectorProvider.PROPERTY, before);
    }
  }

  /** What SelectorProvider does with the property: a public no-arg constructor of the JDK's default. */
  @Test
  void namesTheProviderTheJdkWouldPickAndOneItCanBuild() throws Exception {
    System.clearProperty(JdkSelectorProvider.PROPERTY);
    JdkSelectorProvider.choose();
    String chosen = System.getProperty(JdkSelectorProvider.PROPERTY);
    assertEquals(JdkSelectorProvider.LINUX_DEFAULT, chosen, "this JDK on Linux has its EPoll provider");
    Class<?> type = Class.forName(chosen, false, ClassLoader.getPlatformClassLoader());
    assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()));
    assertEquals(type, SelectorProvider.provider().getClass(), "the JDK's default is the same class");
  }

  @Test
  void anOperatorsChoiceIsKept() {
    System.setProperty(JdkSelectorProvider.PROPERTY, "com.example.Provider");
    JdkSelectorProvider.choose();
    assertEquals("com.example.Provider", System.getProperty(JdkSelectorProvider.PROPERTY));
  }
}
