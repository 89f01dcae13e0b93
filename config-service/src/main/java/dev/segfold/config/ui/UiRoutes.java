package dev.segfold.config.ui;

import dev.segfold.contracts.storage.KeySegments;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Routes of the dashboard's pages. A page is served with headers that keep the login token of
 * its URL ({@code ?token=}) from leaking: no {@code Referer} to anything the page loads, nothing
 * cached, scripts from this origin only. The page's script moves the token into session storage
 * and removes it from the address bar at once.
 */
@ApplicationScoped
public class UiRoutes {
    /** Where the build puts the pages (not under META-INF/resources: only these routes serve them). */
    static final String PAGES = "segfold-ui/";

    /**
     * Scripts only from this origin (the bundled libraries included), no inline script, API calls to
     * this origin only; uPlot and NiiVue set inline styles, NiiVue makes blob URLs for screenshots.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
            + "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Map<String, Buffer> pages = Map.of(
            "runs", load("runs.html"),
            "run", load("run.html"),
            "viewer", load("viewer.html"));

    void routes(@Observes Router router) {
        router.get("/").handler(rc -> redirect(rc, "/ui/"));
        // Vert.x matches "/ui" and "/ui/" with one route: the path tells them apart.
        router.get("/ui").handler(rc -> {
            if (rc.request().path().endsWith("/")) {
                page(rc, "runs");
            } else {
                redirect(rc, "/ui/");
            }
        });
        router.get("/ui/runs/:id").handler(rc -> runPage(rc, "run"));
        router.get("/ui/runs/:id/viewer").handler(rc -> runPage(rc, "viewer"));
    }

    /** Keeps the query (the login token) so that a link to {@code /?token=...} still logs in. */
    private static void redirect(RoutingContext rc, String path) {
        String query = rc.request().query();
        rc.response().setStatusCode(302)
                .putHeader("Location", path + (query == null || query.isEmpty() ? "" : "?" + query))
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store")
                .end();
    }

    private void runPage(RoutingContext rc, String page) {
        String id = rc.pathParam("id");
        if (!KeySegments.isValid(id)) {
            rc.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("run id: may only contain ASCII letters, digits, '.', '_' and '-'");
            return;
        }
        page(rc, page);
    }

    private void page(RoutingContext rc, String page) {
        rc.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(pages.get(page));
    }

    private static Buffer load(String name) {
        try (InputStream in = UiRoutes.class.getClassLoader().getResourceAsStream(PAGES + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + PAGES + name + " is not on the class path: "
                        + "the build's webui step (npm ci, npm run build in config-service/src/main/webui) did not run");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
