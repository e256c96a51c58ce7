package io.raftkv.torture.run;

import io.raftkv.torture.fault.ClockControl;
import io.raftkv.torture.fault.Firewall;
import io.raftkv.torture.fault.SourceAddressShim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a run needs from this machine, and a sentence for each thing it lacks. */
public final class Requirements {
    private Requirements() {
    }

    /** Empty when the run can go ahead; otherwise why not, one reason per missing tool. */
    public static List<String> missing(TortureOptions options) {
        List<String> reasons = new ArrayList<>();
        if (options.needsFirewall()) {
            add(reasons, "partition and loss faults", Firewall.unavailableReason());
            add(reasons, "partition and loss faults", SourceAddressShim.unavailableReason());
        }
        if (options.needsClockControl()) {
            add(reasons, "clock faults", ClockControl.unavailableReason());
        }
        return reasons;
    }

    private static void add(List<String> reasons, String what, Optional<String> reason) {
        reason.ifPresent(text -> reasons.add(what + " need: " + text));
    }
}
