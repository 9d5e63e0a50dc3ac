package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, each on its own connection, as one dvdcli process per volume would be. */
class PluginConcurrencyTest {
  private static final int CLIENTS = 64;

  @TempDir Path tmp;
  private LocalVolumePlugin plugin;
  private UnixHttpClient client;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"));
    client = UnixHttpClient.unix(tmp.resolve("local.sock"));
    pool = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    plugin.close();
  }

  /** Runs all tasks released at the same moment and returns their HTTP statuses. */
  private List<Integer> together(List<Callable<Integer>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (Callable<Integer> task : tasks) {
      futures.add(pool.submit(() -> {
        go.await();
        return task.call();
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : futures) {
      statuses.add(f.get());
    }
    return statuses;
  }

  @Test
  void sixtyFourClientsCreatingAndMountingDistinctVolumesAllSucceed() throws Exception {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String name = "vol-" + i;
      tasks.add(() -> {
        int created = client.post("VolumeDriver.Create", "{\"Name\":\"" + name + "\"}").status();
        int mounted = client.post("VolumeDriver.Mount", "{\"Name\":\"" + name + "\",\"ID\":\"id-" + name + "\"}").status();
        return created == 200 ? mounted : created;
      });
    }
    assertEquals(List.of(200), new ArrayList<>(new HashSet<>(together(tasks))));
    assertEquals(CLIENTS, plugin.volumes().size());
    for (int i = 0; i < CLIENTS; i++) {
      assertEquals(Set.of("id-vol-" + i), plugin.mountIds("vol-" + i));
    }
  }

  @Test
  void sixtyFourConsumersMountingOneVolumeAreAllRecordedAndSurviveARestart() throws Exception {
    client.post("VolumeDriver.Create", "{\"Name\":\"shared\"}");
    List<Callable<Integer>> tasks = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < CLIENTS; i++) {
      String id = "consumer-" + i;
      ids.add(id);
      tasks.add(() -> client.post("VolumeDriver.Mount", "{\"Name\":\"shared\",\"ID\":\"" + id + "\"}").status());
    }
    assertEquals(List.of(200), new ArrayList<>(new HashSet<>(together(tasks))));
    assertEquals(ids, plugin.mountIds("shared"));
    plugin.close();
    plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"));
    assertEquals(ids, plugin.mountIds("shared"));
  }

  @Test
  void concurrentCreatesOfTheSameVolumeAllSucceedAndMakeOneVolume() throws Exception {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      tasks.add(() -> client.post("VolumeDriver.Create", "{\"Name\":\"same\"}").status());
    }
    assertEquals(List.of(200), new ArrayList<>(new HashSet<>(together(tasks))));
    assertEquals(Set.of("same"), plugin.volumes());
  }
}
