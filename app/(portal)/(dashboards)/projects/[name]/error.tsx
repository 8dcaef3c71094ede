"use client";

import { routeErrorPage } from "@/app/_components/route-error";

export default routeErrorPage("this project's dashboard");
