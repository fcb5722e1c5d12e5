package org.cnncourse.runner;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cnncourse.demo.DemoServer;
import org.cnncourse.demo.DemoTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the live training page until interrupted. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The lecture's CNN demo: DL4J trains in this JVM while a browser page shows the curves, the"
                + " activations and filters, guesses on test images, and classifies what you draw.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE};"
            + " 0.0.0.0 lets other machines in).")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--network", defaultValue = "simple-convnet", description = "simple-convnet, lenet5, alexnet-small or"
            + " vgg-small (default ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--dataset", defaultValue = "fashion", description = "fashion or digits (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--models", defaultValue = "models/trained", description = "Model zips the page may load (default ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--save-to", defaultValue = "out/demo", description = "Where the page's Save writes zips (default ${DEFAULT-VALUE}).")
    Path saveTo;

    @Option(names = "--start", description = "Start training at once instead of waiting for the page's Start.")
    boolean startNow;

    @Override
    public Integer call() throws InterruptedException {
        DemoTrainer.Settings d = DemoTrainer.Settings.defaults();
        DemoTrainer trainer = new DemoTrainer(new DemoTrainer.Settings(network, dataset, d.learningRate(), d.batchSize(),
                d.updater(), d.augment()), 1);
        DemoServer server = new DemoServer(trainer, models, saveTo);
        int p = server.start(host, port);
        if (startNow) {
            trainer.start();
        }
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        System.out.printf("CNN demo: open http://%s:%d/ (Ctrl+C stops it)%n", shown, p);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
