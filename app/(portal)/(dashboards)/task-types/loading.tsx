import { PageSkeleton } from "@/app/_components/widgets/skeletons";

export default function Loading() {
  return <PageSkeleton kpis={false} widgets={2} />;
}
