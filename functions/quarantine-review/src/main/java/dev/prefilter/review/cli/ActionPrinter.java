package dev.prefilter.review.cli;

import dev.prefilter.review.ActionResult;
import java.io.PrintWriter;

final class ActionPrinter {

    private ActionPrinter() {}

    static void print(ActionResult result, PrintWriter out) {
        out.println(Screen.text(result.describe(), 500));
        out.println("  by " + Screen.text(result.actor(), 200) + " at " + result.at() + ", reason: "
                + Screen.text(result.reason(), 500));
    }
}
