// Runs an embedded Neo4j Community server with Bolt on the loopback interface.
// Launched with Java's single-file source mode (no build step):
//   java -cp <classpath> Launcher.java <home> <neo4j.conf> [--exit-on-stdin-eof]
// Writes <home>/ready once the default database answers, removes it on shutdown.
// SIGTERM (and SIGINT) run the shutdown hook, which closes the store cleanly.

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher <home> <neo4j.conf> [--exit-on-stdin-eof]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Path.of(args[1]).toAbsolutePath();
        boolean exitOnStdinEof = args.length > 2 && "--exit-on-stdin-eof".equals(args[2]);
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        long started = System.nanoTime();
        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the file only signals readiness; a stale one is checked against the pid
            }
            System.out.println("neo4j: shutting down");
            dbms.shutdown();
            System.out.println("neo4j: stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        long millis = (System.nanoTime() - started) / 1_000_000;
        Files.writeString(ready, ProcessHandle.current().pid() + "\n");
        System.out.println("neo4j: ready in " + millis + " ms");
        System.out.flush();

        if (exitOnStdinEof) {
            // The parent holds our stdin open; if it dies without stopping us, stdin closes.
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() != -1) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // treated as end of input
                }
                System.out.println("neo4j: parent went away");
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }
}
