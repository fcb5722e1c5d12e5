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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The address must name this machine: an unresolvable name or another machine's address is a
     * usage error in words, not Jetty's "port already in use".
     */
    static String checkHost(String host) {
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " cannot be resolved to an address");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException("--host " + host + " (" + address.getHostAddress()
                        + ") is not an address of this machine; use 127.0.0.1, or 0.0.0.0 for all of its addresses");
            }
        } catch (java.net.SocketException e) {
            throw new IllegalArgumentException("--host " + host + ": the network interfaces cannot be listed (" + e.getMessage() + ")");
        }
        return host;
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            checkHost(host);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be in 0..65535, not " + port);
        }
        DemoTrainer.Settings d = DemoTrainer.Settings.defaults();
        DemoTrainer.Settings settings;
        try {
            settings = new DemoTrainer.Settings(network, dataset, d.learningRate(), d.batchSize(), d.updater(), d.augment());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoTrainer trainer = new DemoTrainer(settings, 1);
        DemoServer server = new DemoServer(trainer, models, saveTo);
        int p;
        try {
            p = server.start(host, port);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                    + (isBindFailure(e) ? "the port is in use by another program; choose another --port (0 picks a free one)"
                    : rootMessage(e)), e);
        }
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException && String.valueOf(t.getMessage()).contains("in use")) {
                return true;
            }
        }
        return false;
    }
}
