/**
 * Start-up, explained once. A Mesos agent starts one dvdcli process per volume per container, so a
 * call's start-up is what the host pays, and a call on the agent's path must load and set up nothing
 * it does not need. Each trick below is a seam: the class named does it, the domain code around it
 * reads as if it were not there, and a test proves the fast way gives what the plain way gives.
 *
 * <ul>
 *   <li>{@link io.dvdcli.startup.LeanSecurity} (JDK 25+): the two steps that would set up the whole
 *       "SUN" security provider (a UNIX channel's SecureRandom seed, the mount ID's SHA-256) see a
 *       provider list of their own.
 *   <li>{@code io.dvdcli.mountids.Sha256} (JDK 17-24): SHA-256 in plain Java, as the JDK's links
 *       method handles no AppCDS archive holds.
 *   <li>{@code io.dvdcli.plugin.codec.WireCodec}: plain answers and requests read and written
 *       without Jackson, whose first parser initialises BigDecimal; anything unusual is Jackson's.
 *   <li>{@code io.dvdcli.plugin.transport.UnixSocketTransport} and {@code Readiness}: UNIX-socket
 *       calls on a JDK channel instead of OkHttp, waited in naps before a selector is set up.
 *   <li>{@code io.dvdcli.commands.AgentArgv} (dvdcli): the agent's exact command lines read without
 *       building picocli's model, into the same {@code VolumeArgs} picocli fills.
 *   <li>{@code io.dvdcli.JdkSelectorProvider} (dvdcli): the JDK's selector provider named up front,
 *       so no class-path service search opens the jar.
 *   <li>{@code -XDstringConcat=inline} (the poms of the modules on the agent's path): string
 *       concatenation without invokedynamic, whose first use spins classes no archive holds.
 *   <li>The launcher ({@code scripts/dvdcli}): a class-data archive per JDK build (an AOT cache on
 *       JDK 25+, a dynamic AppCDS archive before), trained by {@code io.dvdcli.aot.TrainingRun}.
 * </ul>
 *
 * <p>What each saves, measured before and after in the same run, and what was tried and dropped,
 * is in scripts/BENCHMARK.md; docs/design/startup.md tells the same story for readers of the docs.
 */
package io.dvdcli.startup;
