import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n/i18n.tsx';

/** Products and price lists are two pages (each with its own paging in the URL) under one menu entry. */
export function CatalogueTabs({ current }: { current: 'products' | 'price-lists' }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Segmented<'products' | 'price-lists'>
      value={current}
      onChange={(v) => navigate(v === 'products' ? '/products' : '/products/price-lists')}
      options={[
        { value: 'products', label: t('products.tabProducts') },
        { value: 'price-lists', label: t('products.tabPriceLists') },
      ]}
      style={{ marginBottom: 16 }}
    />
  );
}
