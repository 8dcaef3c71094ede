"use client";

import { routeErrorPage } from "@/app/_components/widgets/route-error";

export default routeErrorPage("this dashboard");
